import { hashOf, SeededRandom } from '../profiles/index.ts';

/** A docker-style 64-hex container id, stable for a seed, a pod, a container and its restart count. */
export function containerIdFor(seed: number, podUid: string, container: string, restartCount: number): string {
  return new SeededRandom(hashOf(seed, 'container-id', podUid, container, restartCount)).hex(64);
}

/** The image's repository without tag or digest: registry.example/shop/web:1.4.2 → registry.example/shop/web. */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0]!;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
}

/** What docker reports as imageID: the same digest for the same image reference, whichever the node. */
export function imageIdFor(image: string): string {
  const digest = image.includes('@') ? image.split('@')[1]! : `sha256:${new SeededRandom(hashOf(0, 'image', image)).hex(64)}`;
  return `docker-pullable://${imageRepository(image)}@${digest}`;
}
