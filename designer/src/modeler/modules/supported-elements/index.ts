import SupportedElementsFilter from './SupportedElementsFilter.js';

/** bpmn-js module: palette, context pad and replace menu offer only supported element types. */
export default {
  __init__: ['supportedElementsFilter'],
  supportedElementsFilter: ['type', SupportedElementsFilter],
};
