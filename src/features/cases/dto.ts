// The response shapes of cases are part of the contract (src/shared/api/cases.ts); re-exported
// here for the case routes, which still import them from the feature.
export { CaseDto, CaseListDto, SubmitResultDto } from '../../shared/api/cases.ts';
