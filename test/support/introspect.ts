import { onPostgres, rawSql } from '../helpers.js';

/** A store's schema as both backends can be compared: per table, its columns (type and nullability), keys and indexes. */
export interface ActualColumn {
  readonly type: string;
  readonly notNull: boolean;
}
export interface ActualTable {
  readonly columns: Record<string, ActualColumn>;
  readonly primaryKey: string[];
  readonly foreignKeys: string[];
  readonly indexes: string[];
}

export async function introspect(db: string): Promise<Record<string, ActualTable>> {
  const tables: Record<string, ActualTable> = {};
  if (onPostgres) {
    const columns = await rawSql<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
      db,
      "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
    );
    for (const c of columns) {
      tables[c.table_name] ??= { columns: {}, primaryKey: [], foreignKeys: [], indexes: [] };
      tables[c.table_name]!.columns[c.column_name] = { type: c.data_type, notNull: c.is_nullable === 'NO' };
    }
    const keys = await rawSql<{ table_name: string; kind: string; name: string; columns: string; target: string | null; definition: string }>(
      db,
      `SELECT cl.relname AS table_name, co.contype AS kind, co.conname AS name,
              (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(co.conkey) WITH ORDINALITY AS k(num, ord) JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.num) AS columns,
              (SELECT tc.relname || '(' || (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(co.confkey) WITH ORDINALITY AS k(num, ord) JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.num) || ')' FROM pg_class tc WHERE tc.oid = co.confrelid) AS target,
              pg_get_constraintdef(co.oid) AS definition
         FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
        WHERE n.nspname = 'public' AND co.contype IN ('p', 'f', 'u')`,
    );
    for (const k of keys) {
      const t = tables[k.table_name]!;
      if (k.kind === 'p') t.primaryKey.push(...k.columns.split(','));
      else if (k.kind === 'f') t.foreignKeys.push(`(${k.columns}) -> ${k.target}`);
      else t.indexes.push(`unique (${k.columns})`);
    }
    const indexes = await rawSql<{ tablename: string; indexname: string; indexdef: string }>(db, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'");
    const constraintNames = new Set(keys.map((k) => k.name));
    for (const i of indexes) {
      if (constraintNames.has(i.indexname)) continue;
      const unique = /CREATE UNIQUE INDEX/.test(i.indexdef);
      const on = /USING \w+ \((.*)\)( WHERE .*)?$/.exec(i.indexdef)!;
      tables[i.tablename]!.indexes.push(`${unique ? 'unique ' : ''}${i.indexname} (${on[1]!.replace(/ COLLATE "C"/g, '').replace(/\s+/g, '')})${on[2] ? ' partial' : ''}`);
    }
  } else {
    for (const { name } of await rawSql<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
      const t: ActualTable = { columns: {}, primaryKey: [], foreignKeys: [], indexes: [] };
      const info = await rawSql<{ name: string; type: string; notnull: number; pk: number }>(db, `PRAGMA table_info(${name})`);
      for (const c of info) t.columns[c.name] = { type: c.type, notNull: c.notnull === 1 };
      t.primaryKey.push(
        ...info
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
      );
      const fks = await rawSql<{ id: number; table: string; from: string; to: string }>(db, `PRAGMA foreign_key_list(${name})`);
      for (const id of [...new Set(fks.map((f) => f.id))]) {
        const group = fks.filter((f) => f.id === id);
        t.foreignKeys.push(`(${group.map((f) => f.from).join(',')}) -> ${group[0]!.table}(${group.map((f) => f.to).join(',')})`);
      }
      for (const index of await rawSql<{ name: string; unique: number; origin: string; partial: number }>(db, `PRAGMA index_list(${name})`)) {
        if (index.origin === 'pk') continue;
        const cols = await rawSql<{ name: string | null }>(db, `PRAGMA index_xinfo('${index.name}')`);
        const keyCols = (await rawSql<{ name: string | null; key: number }>(db, `PRAGMA index_xinfo('${index.name}')`)).filter((c) => c.key === 1).map((c) => c.name ?? '<expression>');
        void cols;
        if (index.origin === 'u') t.indexes.push(`unique (${keyCols.join(',')})`);
        else t.indexes.push(`${index.unique ? 'unique ' : ''}${index.name} (${keyCols.join(',')})${index.partial ? ' partial' : ''}`);
      }
      tables[name] = t;
    }
  }
  return tables;
}
