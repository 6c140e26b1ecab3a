import { customTranslate } from './custom-translate.js';

/** bpmn-js module replacing `translate` with our zh-CN / en-US dictionaries. */
export default {
  translate: ['value', customTranslate],
};
