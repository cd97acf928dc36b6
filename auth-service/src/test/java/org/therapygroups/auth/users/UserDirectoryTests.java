package org.therapygroups.auth.users;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;

import org.springframework.data.mongodb.core.query.Criteria;

import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.platform.problem.FieldError;
import org.therapygroups.auth.account.Accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/** The directory's search: bounded, and the search text is never a pattern. */
class UserDirectoryTests {

	private final Accounts accounts = mock(Accounts.class);

	private final UserDirectory directory = new UserDirectory(this.accounts,
			new ManagedAccounts(this.accounts, Clock.systemUTC()));

	@Test
	void searchesByRoleAndByTheQuotedNameText() {
		this.directory.search("therapist", " a.b( ", 2, 10);

		ArgumentCaptor<Criteria> filter = ArgumentCaptor.forClass(Criteria.class);
		verify(this.accounts).page(filter.capture(), eq(2), eq(10));
		assertThat(filter.getValue().getCriteriaObject().get("role")).isEqualTo("therapist");
		assertThat(filter.getValue().getCriteriaObject().get("displayName")).hasToString("\\Qa.b(\\E");
	}

	@Test
	void blankFiltersFilterNothing() {
		this.directory.search(" ", " ", 0, 20);

		ArgumentCaptor<Criteria> filter = ArgumentCaptor.forClass(Criteria.class);
		verify(this.accounts).page(filter.capture(), eq(0), eq(20));
		assertThat(filter.getValue().getCriteriaObject()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "-1, 20, , page", "100001, 20, , page", "0, 0, , size", "0, 101, , size", "0, 20, a\u0000b, q" })
	void pagesSizesAndTextOutOfBoundsAreFieldErrors(int page, int size, String q, String field) {
		assertThatThrownBy(() -> this.directory.search(null, q, page, size)).isInstanceOfSatisfying(ApiProblem.class,
				(problem) -> assertThat(problem.errors()).extracting(FieldError::field).containsExactly(field));
		verifyNoInteractions(this.accounts);
	}

}
