/** A container as both kubelet endpoints name it: namespace, pod name and container name. */
export interface ContainerRef {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
}

/** namespace/pod/container: unambiguous, since none of the three names may contain a slash. */
export function containerKey(ref: ContainerRef): string {
  return `${ref.namespace}/${ref.pod}/${ref.container}`;
}
