import {
  correctActivitySchema,
  createActivitySchema,
  createPlaceSchema,
  exportActivityArchiveSchema,
  getActivitySchema,
  importPlacesSchema,
  listActivitiesSchema,
  listPlacesSchema,
  voidActivitySchema,
} from '../../domain/activities'
import { ACCESS } from '../../domain/access'
import { action, defineFunction } from '../_lib/function'
import { exportActivityArchive } from './archive'
import { createActivity } from './create'
import { correctActivity, voidActivity } from './edit'
import { addPlace, commitPlaceImport, listPlaces, previewPlaceImport } from './places'
import { activityFormContext, listActivities, readActivityDetail } from './read'

// 宣传台账: activity records (五进, talks, posters, banners, leaflets, bank
// checks) and the key places they are held at. Roles and village scope are
// decided here from the caller's OPENID (scope.ts), never from the payload.
export const main = defineFunction('activities', {
  context: action({
    audience: ACCESS.logActivities,
    run: ({ db, caller }) => activityFormContext(db, caller),
  }),

  create: action({
    audience: ACCESS.logActivities,
    write: true,
    idempotency: 'document-id',
    input: createActivitySchema,
    run: ({ db, caller, input, requestId }) => createActivity(db, caller, input, requestId),
  }),

  correct: action({
    audience: ACCESS.editActivities,
    write: true,
    input: correctActivitySchema,
    run: ({ db, caller, input }) => correctActivity(db, caller, input),
  }),

  void: action({
    audience: ACCESS.editActivities,
    write: true,
    input: voidActivitySchema,
    run: ({ db, caller, input }) => voidActivity(db, caller, input.activityId, input.reason),
  }),

  list: action({
    audience: ACCESS.readActivities,
    input: listActivitiesSchema,
    run: ({ db, caller, input }) => listActivities(db, caller, input),
  }),

  get: action({
    audience: ACCESS.readActivities,
    input: getActivitySchema,
    run: ({ db, caller, input }) => readActivityDetail(db, caller, input.activityId),
  }),

  places: action({
    audience: ACCESS.readActivities,
    input: listPlacesSchema,
    run: ({ db, caller, input }) => listPlaces(db, caller, input.villageId),
  }),

  addPlace: action({
    audience: ACCESS.editActivities,
    write: true,
    input: createPlaceSchema,
    run: ({ db, caller, input }) => addPlace(db, caller, input),
  }),

  previewPlaceImport: action({
    audience: ACCESS.maintainPlaces,
    input: importPlacesSchema,
    run: ({ db, caller, input }) => previewPlaceImport(db, caller, input.villageId, input.fileID),
  }),

  commitPlaceImport: action({
    audience: ACCESS.maintainPlaces,
    write: true,
    input: importPlacesSchema,
    run: ({ db, caller, input }) => commitPlaceImport(db, caller, input.villageId, input.fileID),
  }),

  exportArchive: action({
    audience: ACCESS.exportArchive,
    write: true,
    input: exportActivityArchiveSchema,
    run: ({ db, caller, input, requestId }) => exportActivityArchive(db, caller, input, requestId),
  }),
})
