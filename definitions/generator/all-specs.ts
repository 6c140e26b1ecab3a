import type { ProcessSpec } from './bpmn-spec.js';
import { complaintForms } from './forms/complaint-forms.js';
import { complaint } from './specs/complaint.js';
import { ownerVoteForms } from './forms/owner-vote-forms.js';
import { ownerVote } from './specs/owner-vote.js';
import { threeMeetingsForms } from './forms/three-meetings-forms.js';
import { threeMeetings } from './specs/three-meetings.js';
import { opinionForms } from './forms/opinion-forms.js';
import { opinion } from './specs/opinion.js';
import { patrolReportForms } from './forms/patrol-report-forms.js';
import { patrolReport } from './specs/patrol-report.js';
import { propertyEvaluationForms } from './forms/property-evaluation-forms.js';
import { propertyEvaluation } from './specs/property-evaluation.js';
import { communityProposalForms } from './forms/community-proposal-forms.js';
import { communityProposal } from './specs/community-proposal.js';
import { selfGovernanceFundForms } from './forms/self-governance-fund-forms.js';
import { selfGovernanceFund } from './specs/self-governance-fund.js';
import { elevatorConsultationForms } from './forms/elevator-consultation-forms.js';
import { elevatorConsultation } from './specs/elevator-consultation.js';

/** Every template the generator writes, with the forms it uses. */
export const allSpecs: readonly { readonly spec: ProcessSpec; readonly forms: readonly Record<string, unknown>[] }[] = [
  { spec: complaint, forms: complaintForms },
  { spec: ownerVote, forms: ownerVoteForms },
  { spec: threeMeetings, forms: threeMeetingsForms },
  { spec: opinion, forms: opinionForms },
  { spec: patrolReport, forms: patrolReportForms },
  { spec: propertyEvaluation, forms: propertyEvaluationForms },
  { spec: communityProposal, forms: communityProposalForms },
  { spec: selfGovernanceFund, forms: selfGovernanceFundForms },
  { spec: elevatorConsultation, forms: elevatorConsultationForms },
];
