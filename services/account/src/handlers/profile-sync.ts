import type { PostAuthenticationTriggerEvent } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { profileFromAttributes } from '../adapters/cognito-identity-provider';
import { loadConfig } from '../config';
import { createAccountService } from '../wiring';

const logger = new Logger({ serviceName: 'profile-sync' });
const service = createAccountService({}, loadConfig());

/**
 * Cognito post-authentication trigger: every sign-in refreshes the bank's copy of the identity,
 * so a contact re-verified with Cognito is what the notifiers use from then on (and one that is
 * no longer verified stops being used). Cognito passes the attributes; no extra lookup is needed.
 */
export const handler = async (event: PostAuthenticationTriggerEvent): Promise<PostAuthenticationTriggerEvent> => {
  const profile = profileFromAttributes(event.request.userAttributes);
  if (profile) await service.storeProfile(profile);
  else logger.warn('sign-in without a sub attribute; profile not refreshed', { userPoolId: event.userPoolId });
  return event;
};
