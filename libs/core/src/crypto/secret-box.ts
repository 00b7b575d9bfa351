import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config.js';

const VERSION = 'v1';

/**
 * Encrypts secrets the server must read back later (webhook signing keys,
 * invitation links waiting to be e-mailed): AES-256-GCM with a key derived by
 * HKDF from ENCRYPTION_KEY, or from the JWT secret when that is unset.
 * Output: `v1.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
@Injectable()
export class SecretBox {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    const material = config.encryptionKey ?? config.jwtSecret;
    if (!material) throw new Error('SecretBox: neither ENCRYPTION_KEY nor a JWT secret is configured');
    this.key = Buffer.from(hkdfSync('sha256', material, 'anchorlink', 'secret-box v1', 32));
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    // The context (what the secret is for) is authenticated: a sealed value cannot be replayed elsewhere.
    cipher.setAAD(Buffer.from(context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  open(sealed: string, context: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('SecretBox: not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }
}
