// bpmn-moddle 10 ships JS for its main entry without type declarations; this is the part we use.
declare module 'bpmn-moddle' {
  export interface ModdleWarning {
    readonly message: string;
    readonly element?: unknown;
    readonly property?: string;
    readonly value?: unknown;
    readonly error?: unknown;
  }
  export interface ModdleParseResult {
    readonly rootElement: unknown;
    readonly warnings: readonly ModdleWarning[];
    readonly elementsById: Readonly<Record<string, unknown>>;
  }
  export interface BpmnModdleInstance {
    fromXML(xml: string, typeName?: string): Promise<ModdleParseResult>;
  }
  export const BpmnModdle: new (packages?: Record<string, unknown>, options?: Record<string, unknown>) => BpmnModdleInstance;
}
