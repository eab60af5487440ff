import { z } from 'zod';

/** Request schemas of the HTTP API (the source for the OpenAPI document). */

export const operation = z.enum(['verify3', 'verify4', 'bind']);

export const createSessionBody = z.strictObject({
  operations: z.array(operation).min(1),
  origin: z.url(),
  returnUrl: z.url().optional(),
  user: z
    .strictObject({
      userType: z.enum(['USER_ID', 'PHONE', 'EMAIL', 'ID_CARD', 'AGREEMENT_NO', 'WECHAT', 'IMEI', 'MAC']),
      identifyId: z.string().min(1).max(64),
    })
    .optional(),
});

const field = z.string().max(64);

export const verificationBody = z.strictObject({
  kind: z.union([z.literal(3), z.literal(4)]),
  name: field,
  idNumber: field,
  cardNumber: field,
  phone: field.optional(),
  /** The cardholder ticked the consent box naming the provider and purpose. */
  consent: z.literal(true),
});

export const bindCardBody = z.strictObject({
  bankCode: z.string().regex(/^[A-Z0-9]{2,20}$/),
  bankCardType: z.enum(['DEBIT', 'CREDIT']),
  name: field,
  idNumber: field,
  phone: field,
  consent: z.literal(true),
});
