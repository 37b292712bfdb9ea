import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLoginShellPath, mergePathLists } from './login-shell-path.ts';
import { tempDir, writeFile, writeScript } from './test-support/temp-files.ts';

const list = (...dirs: string[]) => dirs.join(path.delimiter);

/**
 * A stand-in login shell: checks it was asked for an interactive login shell, prints what noisy rc files print
 * (on stdout and stderr), sets PATH as a profile would, then runs the command it was given.
 */
function fakeShell(dir: string, profilePath: string): string {
  return writeScript(
    dir,
    'fake-shell',
    [
      `[ "$1" = "-ilc" ] || { echo "expected -ilc, got $1" >&2; exit 64; }`,
      `echo "Welcome back! Last login: yesterday"`,
      `echo "nvm: warming up" >&2`,
      `PATH='${profilePath}'; export PATH`,
      `/bin/sh -c "$2"`,
      `echo "bye from .zlogout"`,
    ].join('\n'),
  );
}

describe('importLoginShellPath', () => {
  it("puts the login shell's PATH first, keeps our other entries, ignores the rc files' noise", async () => {
    const dir = tempDir();
    const env: NodeJS.ProcessEnv = { SHELL: fakeShell(dir, list('/opt/homebrew/bin', '/usr/bin', '/bin')), PATH: list('/usr/bin', '/bin', '/app/resources') };
    const result = await importLoginShellPath({ env, platform: 'linux' });
    expect(result).toEqual({ outcome: 'merged', shell: env.SHELL, added: ['/opt/homebrew/bin'] });
    expect(env.PATH).toBe(list('/opt/homebrew/bin', '/usr/bin', '/bin', '/app/resources'));
  });

  it.skipIf(!fs.existsSync('/bin/bash'))('reads PATH from a real bash login profile', async () => {
    const home = tempDir();
    writeFile(home, '.bash_profile', 'echo "motd: welcome"\nexport PATH="$HOME/.local/bin:$PATH"\n');
    const env: NodeJS.ProcessEnv = { SHELL: '/bin/bash', HOME: home, PATH: list('/usr/bin', '/bin') };
    const result = await importLoginShellPath({ env, platform: 'linux' });
    // /etc/profile sets its own PATH too; ours is what the user's profile put first.
    expect(result).toMatchObject({ outcome: 'merged', added: expect.arrayContaining([path.join(home, '.local/bin')]) });
    expect(env.PATH?.split(path.delimiter)[0]).toBe(path.join(home, '.local/bin'));
  });

  it('changes process.env.PATH by default', async () => {
    const dir = tempDir();
    const before = { PATH: process.env.PATH, SHELL: process.env.SHELL };
    process.env.SHELL = fakeShell(dir, list('/opt/plugins/bin', '/usr/bin', '/bin'));
    try {
      await importLoginShellPath({ platform: 'linux' });
      expect(process.env.PATH?.split(path.delimiter)[0]).toBe('/opt/plugins/bin');
      expect(process.env.PATH?.split(path.delimiter)).toEqual(expect.arrayContaining(before.PATH!.split(path.delimiter)));
    } finally {
      process.env.PATH = before.PATH;
      process.env.SHELL = before.SHELL;
    }
  });

  it('gives up after the timeout, leaving PATH alone, when the shell hangs', async () => {
    const dir = tempDir();
    const shell = writeScript(dir, 'hanging-shell', 'echo "please enter your passphrase"\nsleep 30');
    const env: NodeJS.ProcessEnv = { SHELL: shell, PATH: '/usr/bin' };
    const started = Date.now();
    const result = await importLoginShellPath({ env, platform: 'linux', timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result).toEqual({ outcome: 'failed', shell, reason: `${shell} did not finish within 300 ms` });
    expect(env.PATH).toBe('/usr/bin');
  });

  it('leaves PATH alone when the shell prints no PATH or cannot run', async () => {
    const dir = tempDir();
    const broken = writeScript(dir, 'broken-shell', 'echo "syntax error in .zshrc" >&2\nexit 1');
    const env: NodeJS.ProcessEnv = { SHELL: broken, PATH: '/usr/bin' };
    expect(await importLoginShellPath({ env, platform: 'linux' })).toMatchObject({ outcome: 'failed', reason: `${broken} printed no PATH (exit code 1)` });
    env.SHELL = path.join(dir, 'no-such-shell');
    expect(await importLoginShellPath({ env, platform: 'linux' })).toMatchObject({ outcome: 'failed', reason: expect.stringContaining('cannot run') });
    expect(env.PATH).toBe('/usr/bin');
  });

  it('does nothing on Windows, or without SHELL', async () => {
    const env: NodeJS.ProcessEnv = { SHELL: '/bin/zsh', PATH: 'C:\\Windows' };
    expect(await importLoginShellPath({ env, platform: 'win32' })).toEqual({ outcome: 'skipped', reason: 'not needed on Windows' });
    expect(await importLoginShellPath({ env: { PATH: '/usr/bin' }, platform: 'darwin' })).toEqual({ outcome: 'skipped', reason: 'SHELL is not set' });
    expect(env.PATH).toBe('C:\\Windows');
  });
});

describe('mergePathLists', () => {
  it('keeps the order of the first list, appends what only the second has, drops empties and repeats', () => {
    expect(mergePathLists('/a::/b:/a', '/c:/b:', ':')).toBe('/a:/b:/c');
  });
});
