package org.therapygroups.sessions.scheduling;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.therapygroups.platform.directory.Directory;
import org.therapygroups.platform.directory.DirectoryUser;
import org.therapygroups.sessions.group.Group;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.sessions.group.Groups;
import org.therapygroups.platform.problem.ApiProblem;
import org.therapygroups.platform.security.Actor;

@RestController
@RequestMapping("/api/sessions")
class GroupController {

	private final GroupScheduling scheduling;

	private final Groups groups;

	private final ObjectProvider<Directory> directory;

	GroupController(GroupScheduling scheduling, Groups groups, ObjectProvider<Directory> directory) {
		this.scheduling = scheduling;
		this.groups = groups;
		this.directory = directory;
	}

	private GroupView view(Group group) {
		Directory names = this.directory.getIfAvailable();
		return (names != null)
				? GroupView.of(group, (id) -> names.find(id).map(DirectoryUser::displayName).orElse(null))
				: GroupView.of(group);
	}

	@PostMapping("/programs/{programId}/groups")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "createGroup",
			summary = "Create a group with its recurrence in a program (the program's directors)")
	GroupView create(Actor actor, @PathVariable String programId, @RequestBody GroupRequest request) {
		return view(this.scheduling.create(programId, request, actor));
	}

	@PostMapping("/programs/{programId}/groups/preview")
	@Operation(operationId = "previewRecurrence",
			summary = "The next occurrences a recurrence would give in the program, before saving (the program's directors)")
	RecurrencePreview preview(Actor actor, @PathVariable String programId, @RequestBody GroupRequest request,
			@RequestParam(defaultValue = "8") int count) {
		if (count < 1 || count > 52) {
			throw ApiProblem.badRequest("count", "must be between 1 and 52");
		}
		return this.scheduling.preview(programId, request, count, actor);
	}

	@GetMapping("/groups")
	@Operation(operationId = "listGroups", summary = "The groups the caller may see")
	List<GroupView> list(Actor actor) {
		return this.groups.visibleTo(actor).stream().map(this::view).toList();
	}

	@GetMapping("/groups/{groupId}")
	@Operation(operationId = "getGroup", summary = "One group")
	GroupView get(Actor actor, @PathVariable String groupId) {
		return view(this.groups.visible(groupId, actor));
	}

	@PatchMapping("/groups/{groupId}")
	@Operation(operationId = "updateGroup",
			summary = "Change a group's settings; its recurrence stays (facilitators, directors)")
	GroupView update(Actor actor, @PathVariable String groupId, @RequestBody GroupRequest request) {
		return view(this.scheduling.update(groupId, request, actor));
	}

	@PostMapping("/groups/{groupId}/end")
	@Operation(operationId = "endGroup",
			summary = "End a group as FINISHED or CANCELLED, cancelling its future sessions")
	GroupView end(Actor actor, @PathVariable String groupId, @RequestBody End request) {
		return view(this.scheduling.end(groupId, request.outcome(), request.reason(), actor));
	}

	record End(String outcome, String reason) {
	}

}
