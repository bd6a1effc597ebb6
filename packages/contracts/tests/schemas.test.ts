import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import {
  CreateIncidentRequestSchema,
  DESCRIPTION_MAX_CHARS,
  DiagnosisCategory,
  DiagnosisCategorySchema,
} from '../src/index.js';

describe('CreateIncidentRequestSchema', () => {
  it('when the description is present, then it validates', () => {
    expect(Value.Check(CreateIncidentRequestSchema, { description: "Pod 'a' is in CrashLoopBackOff" })).toBe(true);
  });

  it('when the description is empty, missing or too long, then it is rejected', () => {
    expect(Value.Check(CreateIncidentRequestSchema, { description: '' })).toBe(false);
    expect(Value.Check(CreateIncidentRequestSchema, {})).toBe(false);
    expect(Value.Check(CreateIncidentRequestSchema, { description: 'x'.repeat(DESCRIPTION_MAX_CHARS + 1) })).toBe(
      false,
    );
  });
});

describe('DiagnosisCategorySchema', () => {
  it('when given any declared category, then it validates, and an undeclared one does not', () => {
    for (const category of Object.values(DiagnosisCategory)) {
      expect(Value.Check(DiagnosisCategorySchema, category)).toBe(true);
    }
    expect(Value.Check(DiagnosisCategorySchema, 'not_a_category')).toBe(false);
  });
});

describe('DiagnosisCategorySchema static type', () => {
  it('when the schema lists the categories, then it lists exactly those of DiagnosisCategory', () => {
    const listed = (DiagnosisCategorySchema as unknown as { anyOf: { const: string }[] }).anyOf.map((s) => s.const);
    expect(listed.sort()).toEqual(Object.values(DiagnosisCategory).sort());
  });
});
