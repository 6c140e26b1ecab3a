import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import './lint-colors.css';
import Modeler from 'bpmn-js/lib/Modeler';
import lintModule from 'bpmn-js-bpmnlint';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule } from 'bpmn-js-properties-panel';
import zeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { lintConfig } from '../../lint/lint-config.js';
import supportedElementsModule from './modules/supported-elements/index.js';
import translateModule from './modules/translate/index.js';

/**
 * The bpmn-js Modeler with the Zeebe properties panel, Zeebe behaviours, live lint with our
 * rules, only supported element types offered, and our translations.
 */
export function createModeler(container: HTMLElement, propertiesParent: HTMLElement): Modeler {
  return new Modeler({
    container,
    propertiesPanel: { parent: propertiesParent },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      ZeebePropertiesProviderModule,
      zeebeBehaviorsModule,
      lintModule,
      supportedElementsModule,
      translateModule,
    ],
    moddleExtensions: { zeebe },
    linting: { bpmnlint: lintConfig, active: true },
  });
}
