package org.therapygroups.auth.security;

import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A deactivated account's token is refused at once, from auth-service's own accounts, on
 * any path (here the kit's {@code /api/auth/me}, with no controller of the service).
 */
@WebMvcTest(useDefaultFilters = false)
@Import(SecurityTestConfig.class)
class DeactivatedAccountsTests {

	private static final String ME = "/api/auth/me";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MongoTemplate mongo;

	@Test
	void aDeactivatedAccountsTokenIsRefusedUntilItIsReactivated() throws Exception {
		String userId = UUID.randomUUID().toString();
		this.mongo.insert(new Document("_id", userId).append("status", "DEACTIVATED"), "accounts");
		this.mvc.perform(get(ME).with(jwt().jwt((token) -> token.subject(userId))))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.detail").value("This account is deactivated."));

		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(userId)), Update.update("status", "ACTIVE"),
				"accounts");
		this.mvc.perform(get(ME).with(jwt().jwt((token) -> token.subject(userId))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.subject").value(userId));
	}

}
