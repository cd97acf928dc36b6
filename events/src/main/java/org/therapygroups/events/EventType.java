package org.therapygroups.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the CloudEvents {@code type} of a payload record, for example
 * {@code @EventType(EventTypes.Identity.USER_REGISTERED)}. This annotation is the one
 * place a payload's type is declared; read it with {@link Events#typeOf(Class)}.
 * <p>
 * The value must match {@link EventTypes#PATTERN}:
 * {@code therapy.<aggregate>.<event>.v<N>} with a version suffix. A change that is not
 * backwards compatible (a removed or renamed field, a changed meaning) gets a new version
 * and a new record; adding an optional field does not, because consumers ignore unknown
 * fields.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

	/**
	 * The CloudEvents {@code type}, e.g. {@code therapy.session.completed.v1}.
	 * @return the type string
	 */
	String value();

}
