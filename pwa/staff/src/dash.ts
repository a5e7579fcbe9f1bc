/**
 * The DASH-style checklist rules live in shared/cases/dash.ts (the cases API computes the same level);
 * the console re-exports them.
 */
export { allowedLevels, DASH_QUESTIONS, dashRisk, finalRisk, RISK_LEVELS, type DashQuestion, type RiskLevel } from '../../../shared/cases/dash.js';
