/** An input problem the user can fix (bad file, unknown model, bad flag). Its message is one line, shown as is. */
export class ModelFitError extends Error {
  constructor(
    message: string,
    readonly code = 'model-fit.input',
  ) {
    super(message);
    this.name = 'ModelFitError';
  }
}
