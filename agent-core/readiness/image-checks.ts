import { fail, pass, type ContainerCheck, type Verdict } from './check.ts';
import { defaultPullPolicy, isPinned, parseImageReference } from './image-reference.ts';
import type { SubjectContainer } from './workload-subject.ts';

function tagged(container: SubjectContainer): Verdict {
  const image = container.spec.image;
  if (!image) return fail('Names no image.');
  const reference = parseImageReference(image);
  if (isPinned(reference)) return pass();
  return fail(`${image} ${reference.tag === 'latest' ? 'uses the latest tag' : 'names no tag, so it pulls latest'}: what runs changes with every push and a rollback does not roll back.`);
}

function pullsAlways(container: SubjectContainer): Verdict {
  const policy = typeof container.spec.imagePullPolicy === 'string' ? container.spec.imagePullPolicy : defaultPullPolicy(parseImageReference(container.spec.image ?? ''));
  return policy === 'Always' ? pass() : fail(`imagePullPolicy is ${policy}: a node reuses whatever image it cached under that tag, and skips the registry's credential check.`);
}

export const IMAGE_CHECKS: ContainerCheck[] = [
  {
    id: 'tagNotSpecified',
    scope: 'container',
    severity: 'danger',
    category: 'images',
    initContainers: true,
    fix: 'Pin the image to a version tag or a digest (image:1.2.3 or image@sha256:…).',
    evaluate: tagged,
  },
  {
    id: 'pullPolicyNotAlways',
    scope: 'container',
    severity: 'warning',
    category: 'images',
    initContainers: true,
    fix: 'Set imagePullPolicy: Always (a registry that answers HEAD requests makes it cheap).',
    evaluate: pullsAlways,
  },
];
