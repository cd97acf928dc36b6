package org.therapygroups.notes.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The note templates, read once from {@code classpath:templates/*.json}. The group's
 * modality chooses one (the newest version naming it); a modality no template names gets
 * the generic one, since sessions-service's modalities are an open set.
 */
@Component
public class Templates {

	static final String GENERIC = "generic";

	private final List<NoteTemplate> all;

	Templates(JsonMapper json) {
		List<NoteTemplate> loaded = new ArrayList<>();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver()
				.getResources("classpath:templates/*.json")) {
				try (InputStream in = resource.getInputStream()) {
					loaded.add(json.readValue(in, NoteTemplate.class));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the note templates", ex);
		}
		loaded.sort(Comparator.comparing(NoteTemplate::id).thenComparing(NoteTemplate::version));
		this.all = List.copyOf(loaded);
		if (find(GENERIC, null).isEmpty()) {
			throw new IllegalStateException("The generic note template is missing");
		}
	}

	public List<NoteTemplate> all() {
		return this.all;
	}

	/**
	 * The template for new notes of a group.
	 * @param modality the group's modality, any case
	 * @return the newest template naming it, else the generic one
	 */
	public NoteTemplate forModality(String modality) {
		String wanted = (modality != null) ? modality.strip().toUpperCase(Locale.ROOT) : "";
		return this.all.stream()
			.filter((template) -> template.modalities().contains(wanted))
			.max(Comparator.comparing(NoteTemplate::version))
			.orElseGet(() -> find(GENERIC, null).orElseThrow());
	}

	/**
	 * A template by id and version.
	 * @param id the id
	 * @param version the version, or {@code null} for the newest
	 * @return the template
	 */
	public Optional<NoteTemplate> find(String id, Integer version) {
		return this.all.stream()
			.filter((template) -> template.id().equals(id))
			.filter((template) -> version == null || template.version() == version)
			.max(Comparator.comparing(NoteTemplate::version));
	}

}
