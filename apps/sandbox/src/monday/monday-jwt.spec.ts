import { describe, expect, it } from 'vitest';
import { signHs256, verifyHs256 } from './monday-jwt';

describe('HS256 tokens', () => {
  it('verifies what it signed and rejects another secret or a tampered payload', () => {
    const token = signHs256({ uid: 7, exp: 123 }, 'secret-a');
    expect(verifyHs256(token, 'secret-a')).toEqual({ uid: 7, exp: 123 });
    expect(verifyHs256(token, 'secret-b')).toBeUndefined();
    const [h, , s] = token.split('.');
    const forged = `${h}.${Buffer.from('{"uid":8}').toString('base64url')}.${s}`;
    expect(verifyHs256(forged, 'secret-a')).toBeUndefined();
    expect(verifyHs256('not-a-jwt', 'secret-a')).toBeUndefined();
  });
});
