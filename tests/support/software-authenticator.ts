// A WebAuthn authenticator in a few lines of node:crypto, for tests: a real ES256 key pair, a
// "none" attestation and signed assertions built byte by byte as the specification lays them
// out, so the server's verification runs for real. Each call can be bent (another origin, a
// counter that goes backwards) to prove the server refuses it.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto'
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers'

const FLAG_USER_PRESENT = 0x01
const FLAG_USER_VERIFIED = 0x04
const FLAG_ATTESTED_CREDENTIAL = 0x40

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest()
const b64url = (data: Uint8Array) => isoBase64URL.fromBuffer(new Uint8Array(data))
const uint32 = (value: number) => {
  const bytes = Buffer.alloc(4)
  bytes.writeUInt32BE(value)
  return bytes
}

export type CeremonyOverrides = { origin?: string; rpId?: string; counter?: number; type?: string }

export class SoftwareAuthenticator {
  readonly credentialId = randomBytes(32)
  private readonly privateKey: KeyObject
  private readonly publicKey: KeyObject
  private counter = 0

  constructor(
    readonly rp: { id: string; origin: string },
    /** The user handle the site gave at registration (the account id). */
    private userHandle: string | null = null,
  ) {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    this.privateKey = pair.privateKey
    this.publicKey = pair.publicKey
  }

  get id() {
    return b64url(this.credentialId)
  }

  /** What navigator.credentials.create() resolves to, as @simplewebauthn/browser sends it (JSON). */
  register(options: { challenge: string; user: { id: string } }, overrides: CeremonyOverrides = {}) {
    this.userHandle = options.user.id
    const jwk = this.publicKey.export({ format: 'jwk' })
    const coseKey = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, new Uint8Array(Buffer.from(jwk.x!, 'base64url'))],
        [-3, new Uint8Array(Buffer.from(jwk.y!, 'base64url'))],
      ]),
    )
    const credentialIdLength = Buffer.alloc(2)
    credentialIdLength.writeUInt16BE(this.credentialId.length)
    const authData = Buffer.concat([
      sha256(overrides.rpId ?? this.rp.id),
      Buffer.from([FLAG_USER_PRESENT | FLAG_USER_VERIFIED | FLAG_ATTESTED_CREDENTIAL]),
      uint32(overrides.counter ?? this.counter),
      Buffer.alloc(16), // AAGUID: none
      credentialIdLength,
      this.credentialId,
      Buffer.from(coseKey),
    ])
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, never>>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, never>()],
        ['authData', new Uint8Array(authData)],
      ]),
    )
    const clientDataJSON = this.clientData(overrides.type ?? 'webauthn.create', options.challenge, overrides.origin)
    return JSON.stringify({
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ['internal'] },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    })
  }

  /** What navigator.credentials.get() resolves to; the counter moves forward unless overridden. */
  authenticate(options: { challenge: string }, overrides: CeremonyOverrides = {}) {
    const counter = overrides.counter ?? ++this.counter
    const authData = Buffer.concat([sha256(overrides.rpId ?? this.rp.id), Buffer.from([FLAG_USER_PRESENT | FLAG_USER_VERIFIED]), uint32(counter)])
    const clientDataJSON = this.clientData(overrides.type ?? 'webauthn.get', options.challenge, overrides.origin)
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), this.privateKey)
    return JSON.stringify({
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(this.userHandle ? { userHandle: this.userHandle } : {}),
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    })
  }

  private clientData(type: string, challenge: string, origin = this.rp.origin) {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }))
  }
}
