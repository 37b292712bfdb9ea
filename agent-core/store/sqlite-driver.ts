// The one place that picks which build of better-sqlite3 opens our SQLite files (the metrics store, the outbox, the
// gateway's store). Everything else opens a file with SqliteDatabase from here, and imports only types from 'better-sqlite3'.
import Classic from 'better-sqlite3';
import NodeApi from 'better-sqlite3-napi';

/**
 * better-sqlite3 12 wraps its objects in node::ObjectWrap, whose destructor, from Node 24.19 on, removes an
 * environment cleanup hook and aborts the whole process when V8 collects a statement while no environment is
 * current (a worker's teardown, a collection between tasks). 13 is built on Node-API, which has no such hook, but
 * needs Node 22. So 13 wherever it can run; 12 on Node 20, and inside Electron, whose bundle maps both names to the
 * build of 12 made for Electron's ABI (electron/scripts/build.mjs).
 */
export function sqliteDriverFor(versions: NodeJS.ProcessVersions): 'node-api' | 'classic' {
  const nodeMajor = Number(versions.node.split('.')[0]);
  return versions.electron === undefined && nodeMajor >= 22 ? 'node-api' : 'classic';
}

export const SqliteDatabase: typeof Classic = sqliteDriverFor(process.versions) === 'node-api' ? NodeApi : Classic;
