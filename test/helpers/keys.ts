/**
 * The tests' encryption key. It lives in the repository on purpose: the recorded histories under
 * test/histories/ are sealed with it, and the replay tests open them with it. It protects nothing
 * else; never use it outside the tests.
 */
import { KeyRing, parseKeyList } from '../../codec/keys';

export const TEST_ENCRYPTION_KEYS = 'test-k1:LOz8hSS7vOty6VV8W3uumtDRR16SCle4SSql3Zn2bjY=';

export function testKeyRing(): KeyRing {
  return new KeyRing(parseKeyList(TEST_ENCRYPTION_KEYS));
}
