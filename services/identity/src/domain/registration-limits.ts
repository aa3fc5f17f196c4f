/**
 * How many registrations are let through per hour, per email address and per client (source
 * IP). Every attempt counts, refused ones included: the point is to stop someone from probing
 * or squatting addresses in bulk, and an address owner only ever needs one or two tries.
 */
export interface RegistrationLimits {
  perAddress: number;
  perClient: number;
  windowSeconds: number;
}

export const REGISTRATION_WINDOW_SECONDS = 60 * 60;

export const addressKey = (email: string): string => `register#email#${email}`;
export const clientKey = (sourceIp: string): string => `register#ip#${sourceIp || 'unknown'}`;
