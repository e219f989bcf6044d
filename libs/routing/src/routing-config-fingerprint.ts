/**
 * Changes whenever a rule-set version is published or a pool (its members are written with it) or
 * rep is created, changed or deleted: `xmin` is the id of the transaction that last wrote a row, so
 * even two edits in the same millisecond give different fingerprints.
 */
export const FINGERPRINT_SQL = `concat_ws('|',
  (SELECT max(version) FROM rule_set_version WHERE tenant_id = $1),
  (SELECT md5(coalesce(string_agg(id::text || ':' || xmin::text, ',' ORDER BY id), '')) FROM pool WHERE tenant_id = $1),
  (SELECT md5(coalesce(string_agg(id::text || ':' || xmin::text, ',' ORDER BY id), '')) FROM rep WHERE tenant_id = $1))`;
