// Mocha entry the extension host calls (extensionTestsPath): run() resolves when every test passed.
// Prints "MODEL_FIT_RESULT passed=N failed=M" for the runner that reads the host's console.
const path = require('path');
const Mocha = require('mocha');

exports.run = () => {
  const mocha = new Mocha({ ui: 'tdd', timeout: 30000, color: false, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  mocha.addFile(path.join(__dirname, 'authoring.test.js'));
  mocha.addFile(path.join(__dirname, 'measure.test.js'));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(`MODEL_FIT_RESULT passed=${runner.stats.passes} failed=${runner.stats.failures}`);
      failures ? reject(new Error(`${failures} tests failed.`)) : resolve();
    });
  });
};
