// Mocha entry the extension host calls (extensionTestsPath): run() resolves when every test passed.
// Prints "MODEL_FIT_RESULT passed=N failed=M" for the runner that reads the host's console.
// MODEL_FIT_SUITE=untrusted runs only the untrusted-workspace suite (its own workspace and code-server settings).
const path = require('path');
const Mocha = require('mocha');

const SUITES = {
  default: ['extension.test.js', 'authoring.test.js', 'measure.test.js'],
  untrusted: ['untrusted.test.js'],
};

exports.run = () => {
  const mocha = new Mocha({ ui: 'tdd', timeout: 30000, color: false, reporter: 'spec' });
  for (const f of SUITES[process.env.MODEL_FIT_SUITE || 'default']) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(`MODEL_FIT_RESULT passed=${runner.stats.passes} failed=${runner.stats.failures}`);
      failures ? reject(new Error(`${failures} tests failed.`)) : resolve();
    });
  });
};
