// POST …/referrals/{id}/notes: a note appended to a referral, in one transaction with its charge; 201.
import { requestIdOf } from '../../http/envelope.js';
import { apiChain } from '../../http/middlewares/api-chain.js';
import { priceOf } from '../../http/route.js';
import { addNoteRoute as route } from '../../http/routes/add-note.js';
import { addNote } from '../../referrals/append-note.js';
import { createObservability } from '../../shared/observability.js';
import { writeBudget } from '../../shared/write-budget.js';
import { answer } from '../review/decision-calls.js';
import { createNoteDeps, type NoteHandlerDeps } from './dependencies.js';

export const createHandler = (deps: NoteHandlerDeps, observability = createObservability()) =>
  apiChain({ deps, route, observability }).handler(async (event, context) => {
    const requestId = requestIdOf(event, context.awsRequestId);
    const result = await addNote(deps, {
      request: context.input,
      price: priceOf(route),
      principal: context.principal,
      requestId,
      admission: context.admission,
      budget: writeBudget(Date.now() + context.getRemainingTimeInMillis(), observability.logger),
    });
    return answer(context, requestId, result, result.data, route.successStatus);
  });

export const handler = createHandler(createNoteDeps());
