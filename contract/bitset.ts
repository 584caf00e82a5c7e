/**
 * A compact set of unit indexes that crosses the activity boundary as base64 (20,000 units are
 * 2.5 KB of history instead of a 20,000-element array). Written by hand: the workflow sandbox has
 * no Buffer.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export class Bitset {
  private constructor(private readonly bytes: Uint8Array) {}

  static empty(size: number): Bitset {
    return new Bitset(new Uint8Array(Math.ceil(size / 8)));
  }

  static fromBase64(b64: string, size: number): Bitset {
    const bytes = new Uint8Array(Math.ceil(size / 8));
    let buf = 0;
    let bits = 0;
    let j = 0;
    for (const ch of b64) {
      if (ch === '=') break;
      const v = ALPHABET.indexOf(ch);
      if (v < 0) throw new Error(`invalid base64 character ${JSON.stringify(ch)} in unit bitmap`);
      buf = (buf << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        if (j < bytes.length) bytes[j++] = (buf >> bits) & 0xff;
      }
    }
    return new Bitset(bytes);
  }

  toBase64(): string {
    let out = '';
    const b = this.bytes;
    for (let i = 0; i < b.length; i += 3) {
      const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
      out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
      out += i + 1 < b.length ? ALPHABET[(n >> 6) & 63]! : '=';
      out += i + 2 < b.length ? ALPHABET[n & 63]! : '=';
    }
    return out;
  }

  has(i: number): boolean {
    return ((this.bytes[i >> 3] ?? 0) & (1 << (i & 7))) !== 0;
  }

  add(i: number): void {
    const k = i >> 3;
    if (k < this.bytes.length) this.bytes[k]! |= 1 << (i & 7);
  }
}
