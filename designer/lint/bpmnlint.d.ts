// bpmnlint ships CommonJS rule factories without type declarations.
declare module 'bpmnlint/rules/*' {
  const rule: () => { check(node: unknown, reporter: unknown): void };
  export default rule;
}
declare module 'bpmnlint' {
  export class Linter {
    constructor(options: { config: unknown; resolver: unknown });
    lint(definitions: unknown): Promise<Record<string, { id?: string; message: string; category: string }[]>>;
  }
}
