// The headline numbers live in src/runs/ (the sweep recorder reads them too); Compare keeps importing them from here.
export { evaluationHeadline, readEvaluationHeadline } from '../../runs/evaluationHeadline';
