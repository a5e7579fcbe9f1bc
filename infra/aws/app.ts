import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildOneRoof } from './oneroof.js';

/** `npx cdk synth` / `npx cdk deploy --all`. cdk-nag runs on every synth, so nothing unreviewed deploys. */
const app = new App();
buildOneRoof(app);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
