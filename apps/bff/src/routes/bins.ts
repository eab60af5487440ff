import type { BankEntry } from '@cardbind/core/banks/directory';
import { setAnswerHeader } from '../http/answers.js';
import { route } from '../http/route.js';
import { widgetToken } from '../middleware/auth.js';
import { WIDGET_GUARDS } from '../middleware/widget-routes.js';
import { Refusal } from '../refusals.js';
import { banksAnswer, binAnswer, pathParams } from '../schemas.js';

/** `GET /v1/bins/<prefix>`: bank and card type for the widget, from 6–8 leading digits. */
export const lookUpBin = route({
  method: 'get',
  path: '/v1/bins/{prefix}',
  summary: 'Bank and card type for 6–8 leading card digits.',
  guards: WIDGET_GUARDS,
  auth: widgetToken(),
  params: { schema: pathParams.bin, invalid: 'INVALID_REQUEST' },
  answers: { 200: { schema: binAnswer, description: 'The issuing bank.' } },
  refusals: ['NOT_FOUND'],
})(async ({ c, deps, params }) => {
  const info = (await deps.built.banks()).lookupBin(params.prefix);
  if (!info) throw new Refusal('NOT_FOUND');
  setAnswerHeader(c, 'cache-control', 'private, max-age=3600');
  return {
    status: 200,
    body: { bankCode: info.bankCode, bankName: info.bankName, cardType: info.cardType, length: info.length },
  };
});

let banks: BankEntry[] | undefined;

/** `GET /v1/banks`: every bank with its names, the common ones first (the bind form's picker). */
export const bankList = route({
  method: 'get',
  path: '/v1/banks',
  summary: "Every bank with its names in both languages, the common ones first (the bind form's picker).",
  guards: WIDGET_GUARDS,
  auth: widgetToken('bind'),
  answers: { 200: { schema: banksAnswer, description: 'The banks.' } },
})(async ({ c, deps }) => {
  banks ??= (await deps.built.banks()).listBanks();
  setAnswerHeader(c, 'cache-control', 'private, max-age=86400');
  return { status: 200, body: { banks } };
});

export const binRoutes = [lookUpBin, bankList];
