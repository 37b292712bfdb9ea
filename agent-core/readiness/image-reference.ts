export interface ImageReference {
  /** Undefined when the reference names none (the runtime then pulls `latest`). */
  tag?: string;
  digest?: string;
}

/** The tag and digest of `[registry[:port]/]path[:tag][@digest]`; a registry's port is not a tag. */
export function parseImageReference(image: string): ImageReference {
  const at = image.indexOf('@');
  const named = at >= 0 ? image.slice(0, at) : image;
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const lastSegment = named.slice(named.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  const tag = colon >= 0 ? lastSegment.slice(colon + 1) : undefined;
  return { ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** Pinned to something that does not move: a digest, or a tag other than `latest`. */
export function isPinned(reference: ImageReference): boolean {
  return Boolean(reference.digest) || (reference.tag !== undefined && reference.tag !== 'latest');
}

/** The pull policy the API server gives a container that sets none: Always for `latest` or no tag, else IfNotPresent. */
export function defaultPullPolicy(reference: ImageReference): 'Always' | 'IfNotPresent' {
  return isPinned(reference) ? 'IfNotPresent' : 'Always';
}
