// The system Chromium for tests that load a page: the same launch as the report's PDF printer.
export { withChromium } from '../../sync/report/headless-chromium';
