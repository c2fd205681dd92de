// POST …/referrals/{id}/notes: a note appended to a referral, in one transaction with its charge; 201.
import { apiChain } from '../../http/middlewares/api-chain.js';
import { addNoteRoute as route } from '../../http/routes/add-note.js';
import { addNote } from '../../referrals/append-note.js';
import { createObservability } from '../../shared/observability.js';
import { answer, routeCall } from '../review/route-calls.js';
import { createNoteDeps, type NoteHandlerDeps } from './dependencies.js';

export const createHandler = (deps: NoteHandlerDeps, observability = createObservability()) =>
  apiChain({ deps, route, observability }).handler(async (event, context) => {
    const call = routeCall(route, event, context, observability.logger);
    const result = await addNote(deps, call);
    return answer(context, call.requestId, result, result.data, route.successStatus);
  });

export const handler = createHandler(createNoteDeps());
