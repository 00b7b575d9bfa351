import { ApiKey } from './api-key.entity.js';
import { Invitation } from './invitation.entity.js';
import { Organization } from './organization.entity.js';
import { Partnership } from './partnership.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import { User } from './user.entity.js';

export { ApiKey } from './api-key.entity.js';
export { Invitation, InvitationStatus } from './invitation.entity.js';
export { Organization } from './organization.entity.js';
export { Partnership, PartnershipStatus } from './partnership.entity.js';
export { RefreshToken } from './refresh-token.entity.js';
export { User } from './user.entity.js';

export const IDENTITY_ENTITIES = [Organization, User, Partnership, Invitation, RefreshToken, ApiKey];
