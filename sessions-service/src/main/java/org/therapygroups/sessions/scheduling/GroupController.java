package org.therapygroups.sessions.scheduling;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.sessions.group.Groups;
import org.therapygroups.platform.security.Actor;

@RestController
@RequestMapping("/api/sessions")
class GroupController {

	private final GroupScheduling scheduling;

	private final Groups groups;

	GroupController(GroupScheduling scheduling, Groups groups) {
		this.scheduling = scheduling;
		this.groups = groups;
	}

	@PostMapping("/programs/{programId}/groups")
	@ResponseStatus(HttpStatus.CREATED)
	GroupView create(Actor actor, @PathVariable String programId, @RequestBody GroupRequest request) {
		return GroupView.of(this.scheduling.create(programId, request, actor));
	}

	@GetMapping("/groups")
	List<GroupView> list(Actor actor) {
		return this.groups.visibleTo(actor).stream().map(GroupView::of).toList();
	}

	@GetMapping("/groups/{groupId}")
	GroupView get(Actor actor, @PathVariable String groupId) {
		return GroupView.of(this.groups.visible(groupId, actor));
	}

	@PatchMapping("/groups/{groupId}")
	GroupView update(Actor actor, @PathVariable String groupId, @RequestBody GroupRequest request) {
		return GroupView.of(this.scheduling.update(groupId, request, actor));
	}

	@PostMapping("/groups/{groupId}/end")
	GroupView end(Actor actor, @PathVariable String groupId, @RequestBody End request) {
		return GroupView.of(this.scheduling.end(groupId, request.outcome(), request.reason(), actor));
	}

	record End(String outcome, String reason) {
	}

}
