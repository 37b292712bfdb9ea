// better-sqlite3 13 (installed under this alias beside 12, see sqlite-driver.ts) keeps 12's API.
declare module 'better-sqlite3-napi' {
  import Database from 'better-sqlite3';
  export = Database;
}
