import { describe, expect, it } from 'vitest';
import { ownValue } from './own-property';

describe('ownValue', () => {
  it('reads own keys and ignores inherited ones', () => {
    const record: Record<string, number> = { ana: 1 };
    expect(ownValue(record, 'ana')).toBe(1);
    expect(ownValue(record, 'ben')).toBeUndefined();
    expect(ownValue(record, 'constructor')).toBeUndefined();
    expect(ownValue(record, 'toString')).toBeUndefined();
    expect(ownValue(record, '__proto__')).toBeUndefined();
    expect(ownValue(undefined, 'ana')).toBeUndefined();
  });

  it('reads own keys that shadow inherited names', () => {
    const record = JSON.parse('{"constructor": 3, "__proto__": 4}') as Record<string, number>;
    expect(ownValue(record, 'constructor')).toBe(3);
    expect(ownValue(record, '__proto__')).toBe(4);
  });
});
