package org.therapygroups.gateway.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The director's console: the dashboard, the at-risk list, programs with their groups,
 * accounts, documentation status, the audit trail and the note encryption keys. A group's
 * id goes into the page only as a data attribute for its script; the service decides
 * whether the director may see that group.
 */
@Controller
@RequestMapping("/director")
class DirectorPages {

	/** Ids are UUIDs; anything else is no page of ours (404), not a service call. */
	private static final String GROUP_ID = "{groupId:[A-Za-z0-9_-]{1,128}}";

	@ModelAttribute
	void directorsOnly(@AuthenticationPrincipal OidcUser user) {
		PageModel.require(user, Viewer.Role.DIRECTOR);
	}

	@GetMapping
	String dashboard() {
		return "director/dashboard";
	}

	/** Drill-down from the dashboard: a group, one of its sessions, one member. */
	@GetMapping({ "/dashboard/groups/" + GROUP_ID, "/dashboard/sessions/{sessionId:[A-Za-z0-9_-]{1,128}}",
			"/dashboard/groups/" + GROUP_ID + "/members/{patientId:[A-Za-z0-9_-]{1,128}}" })
	String drillDown(@PathVariable(required = false) String groupId, @PathVariable(required = false) String sessionId,
			@PathVariable(required = false) String patientId, Model model) {
		model.addAttribute("groupId", groupId);
		model.addAttribute("sessionId", sessionId);
		model.addAttribute("patientId", patientId);
		return "director/drill-down";
	}

	@GetMapping("/alerts")
	String alerts() {
		return "director/alerts";
	}

	@GetMapping("/accounts")
	String accounts() {
		return "director/accounts";
	}

	@GetMapping("/documentation")
	String documentation() {
		return "director/documentation";
	}

	@GetMapping("/audit")
	String audit() {
		return "director/audit";
	}

	@GetMapping("/keys")
	String keys() {
		return "director/keys";
	}

	@GetMapping("/groups")
	String groups() {
		return "director/groups";
	}

	@GetMapping("/groups/new")
	String newGroup() {
		return "director/group-form";
	}

	@GetMapping("/groups/" + GROUP_ID)
	String group(@PathVariable String groupId, Model model) {
		model.addAttribute("groupId", groupId);
		return "director/group";
	}

	@GetMapping("/groups/" + GROUP_ID + "/edit")
	String editGroup(@PathVariable String groupId, Model model) {
		model.addAttribute("groupId", groupId);
		return "director/group-form";
	}

}
