import { lookupBin } from '@cardbind/core/banks';
import { luhnValid, validateMobile, validateName, validateResidentId } from '@cardbind/core/validation';
import { describe, expect, it } from 'vitest';
import { CARDHOLDERS, cardholderOf, SCENARIO_CARDS, SCENARIO_DESCRIPTIONS, scenarioOf } from '../src/identities.js';

const allCards = [...CARDHOLDERS.flatMap((h) => h.cards), ...Object.values(SCENARIO_CARDS)];

describe('sandbox test identities', () => {
  it.each(allCards)('card %s passes Luhn and has a real BIN of the right length', (card) => {
    expect(luhnValid(card)).toBe(true);
    expect(lookupBin(card)?.length).toBe(card.length);
  });

  it('no card is used twice', () => {
    expect(new Set(allCards).size).toBe(allCards.length);
  });

  it.each(CARDHOLDERS)('cardholder $name has a valid name, ID and phone', (holder) => {
    const id = validateResidentId(holder.idNumber);
    expect(id).toMatchObject({ valid: true, value: holder.idNumber });
    // The name by the rules of its document (Latin for the foreigner's permanent residence ID).
    expect(validateName(holder.name, { document: id.details?.kind })).toMatchObject({
      valid: true,
      value: holder.name,
    });
    expect(validateMobile(holder.phone)).toMatchObject({ valid: true, value: holder.phone });
  });

  it('every scenario is described and found by its card', () => {
    for (const [scenario, card] of Object.entries(SCENARIO_CARDS)) {
      expect(scenarioOf(card)).toBe(scenario);
      expect(SCENARIO_DESCRIPTIONS[scenario as keyof typeof SCENARIO_DESCRIPTIONS]).toBeTruthy();
    }
    expect(cardholderOf('6222020000000001008')?.name).toBe('张三');
  });
});
