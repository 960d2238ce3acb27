/**
 * Expected failures. Each carries the German sentence shown in the chat, the rule it enforces (R1…)
 * where there is one, and the input field it is about, so forms can show it next to that field.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly rule?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** A referral or case action that breaks a rule of the rulebook (docs/rules.md). */
export class RuleViolation extends UserError {
  constructor(rule: string, message: string, field?: string) {
    super(message, field, rule);
    this.name = 'RuleViolation';
  }
}

/** Several problems found at once (a form with more than one wrong field). */
export class UserErrors extends Error {
  constructor(readonly errors: UserError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'UserErrors';
  }
}
