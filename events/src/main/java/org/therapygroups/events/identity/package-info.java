/**
 * Identity events, published by auth-service on
 * {@link org.therapygroups.events.Topics#IDENTITY}. Subject and key: the user id.
 * <p>
 * They carry the directory view of a user only: id, realm role, display name, time. No
 * e-mail address, no password, no credentials and nothing clinical, ever.
 */
package org.therapygroups.events.identity;
