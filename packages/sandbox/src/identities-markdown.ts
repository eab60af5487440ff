import { type CloudauthAnswer, cloudauthAnswer } from './alibaba-cloudauth/codes.js';
import {
  ACCOUNT_STATE_SECRET_IDS,
  AGG_CUSTOMERS,
  AGG_IDENTIFY_TRIGGERS,
  CARDHOLDERS,
  CLOUDAUTH_SUBCODE_CARDS,
  RZ_FOUR_ELEMENT_TYPE,
  RZ_MERCHANTS,
  SANDBOX_CREDENTIALS,
  SCENARIO_CARDS,
  SCENARIO_DESCRIPTIONS,
  type Scenario,
} from './identities.js';

/** What the Alibaba simulator answers, in a table cell. */
function alibabaCell(answer: CloudauthAnswer): string {
  if ('sub' in answer) return `SubCode ${answer.sub}`;
  if ('business' in answer) return `Code ${answer.business}`;
  if ('gateway' in answer) return `\`${answer.gateway}\``;
  return answer.fault;
}

/**
 * The README's sandbox identity tables, generated from the one table the
 * simulators use (a test keeps the README equal to this).
 */
export function identitiesMarkdown(): string {
  const lines = [
    '**Cardholders** — verification passes with exactly these values; change any one and it mismatches (an ID with one digit changed fails its check digit in the form before it is sent, so change the name, the card or the mobile):',
    '',
    '| name | resident ID | mobile | cards |',
    '|---|---|---|---|',
    ...CARDHOLDERS.map(
      (h) => `| ${h.name} | \`${h.idNumber}\` | \`${h.phone}\` | ${h.cards.map((c) => `\`${c}\``).join(', ') || '—'} |`,
    ),
    '',
    '**Scenario cards** — any valid cardholder name and ID with these cards gives the situation:',
    '',
    '| card | situation | Alibaba answers |',
    '|---|---|---|',
    ...Object.entries(SCENARIO_CARDS).map(
      ([s, card]) =>
        `| \`${card}\` | ${SCENARIO_DESCRIPTIONS[s as Scenario]} | ${alibabaCell(cloudauthAnswer({ kind: 'scenario', scenario: s as Scenario }))} |`,
    ),
    '',
    '**Alibaba-only cards** — the `BankMetaVerify` SubCodes no situation above stands for (the other simulators know them as',
    "nobody's cards: a mismatch):",
    '',
    '| card | Alibaba answers |',
    '|---|---|',
    ...Object.entries(CLOUDAUTH_SUBCODE_CARDS).map(([sub, card]) => `| \`${card}\` | SubCode ${sub} |`),
    '',
    '**Input checks** — a name that is not Han script, an ID with a wrong check digit, a card that is not 15–19 digits or a',
    "malformed phone give the providers' free format codes; a residence-permit ID (e.g. `810000199408230021`) gives",
    '"ID type unsupported" on FaceID.',
    '',
    '**Credentials** — the simulators accept these; the account-state SecretIds (same SecretKey) answer with that account problem:',
    '',
    '| provider | SecretId | SecretKey |',
    '|---|---|---|',
    ...Object.entries(SANDBOX_CREDENTIALS).map(([p, c]) => `| ${p} | \`${c.secretId}\` | \`${c.secretKey}\` |`),
    ...Object.entries(ACCOUNT_STATE_SECRET_IDS).map(([state, id]) => `| account: ${state} | \`${id}\` | (as above) |`),
    '',
    `**RZ merchants** — \`verifyType\` RZ03 (3 elements) and ${RZ_FOUR_ELEMENT_TYPE} (4, with \`mobile\`):`,
    '',
    '| merchant | merchantNo | key |',
    '|---|---|---|',
    ...Object.entries(RZ_MERCHANTS).map(([state, m]) => `| ${state} | \`${m.merchantNo}\` | \`${m.key}\` |`),
    '',
    '**Aggregated-pay merchants** — envelopes are encrypted to the sandbox platform key and answered to the sandbox merchant key',
    '(`SANDBOX_RSA_PUBLIC_KEY`, `SANDBOX_MERCHANT_RSA_PRIVATE_KEY`):',
    '',
    '| merchant | customerNo | sign | MD5 key |',
    '|---|---|---|---|',
    ...Object.entries(AGG_CUSTOMERS).map(
      ([state, c]) => `| ${state} | \`${c.customerNo}\` | ${c.signType} | ${c.md5Key ? `\`${c.md5Key}\`` : '—'} |`,
    ),
    '',
    "**Bind-card `identifyId` triggers** — the bank page (Approve / Decline) binds the cardholder's card at `bankCode` when",
    '`bankCardName` and `certNo` are a cardholder above:',
    '',
    '| identifyId | effect |',
    '|---|---|',
    ...Object.entries(AGG_IDENTIFY_TRIGGERS).map(
      ([effect, id]) =>
        `| \`${id}\` | ${effect === 'chaos' ? 'duplicate and out-of-order notifications' : `create fails with errCode ${effect}`} |`,
    ),
  ];
  return lines.join('\n');
}
