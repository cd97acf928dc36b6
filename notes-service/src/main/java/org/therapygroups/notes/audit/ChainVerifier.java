package org.therapygroups.notes.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;

import org.therapygroups.notes.crypto.EntryMac;
import org.therapygroups.notes.crypto.SignatureCheck;

/**
 * Walks audit entries in sequence order and checks each against its hash, its MAC (when
 * the MAC key is at hand: in the service, not for an outside auditor), its predecessor
 * and the signed checkpoints. The one implementation behind the service's verification
 * and the offline verifier.
 */
final class ChainVerifier {

	private final EntryMac mac;

	private final TreeMap<Long, Checkpoint> checkpoints = new TreeMap<>();

	private final List<Checkpoint> forged = new ArrayList<>();

	private Verification conflict;

	/**
	 * @param mac the entries' MAC, or {@code null} to rely on the checkpoints alone
	 * @param verifier the checkpoints' public key
	 * @param published every checkpoint value found on the topic, oldest first
	 */
	ChainVerifier(EntryMac mac, SignatureCheck verifier, List<String> published) {
		this.mac = mac;
		for (String value : published) {
			Checkpoint checkpoint = Checkpoint.fromJson(value);
			if (checkpoint == null || !checkpoint.verifies(verifier)) {
				this.forged.add((checkpoint != null) ? checkpoint : new Checkpoint(-1, null, Instant.EPOCH, null));
				continue;
			}
			Checkpoint earlier = this.checkpoints.putIfAbsent(checkpoint.seq(), checkpoint);
			if (earlier != null && !earlier.hash().equals(checkpoint.hash()) && this.conflict == null) {
				// two validly signed heads for one entry: the signing key itself is in
				// wrong hands
				this.conflict = broken(0, checkpoint.seq(), Verification.REWRITTEN,
						"two signed checkpoints disagree about entry " + checkpoint.seq(), Verification.FULL, 0);
			}
		}
	}

	/**
	 * The newest validly signed checkpoint.
	 * @return it, or {@code null} if there is none
	 */
	Checkpoint newest() {
		Map.Entry<Long, Checkpoint> last = this.checkpoints.lastEntry();
		return (last != null) ? last.getValue() : null;
	}

	/**
	 * Checks entries from the first.
	 * @param entries every entry, ascending by sequence number
	 * @param knownHead the newest sequence number known by other means (the head
	 * document, the writer's memory), or 0
	 * @return the result
	 */
	Verification full(Iterator<Document> entries, long knownHead) {
		return walk(entries, 1, null, knownHead, Verification.FULL);
	}

	/**
	 * Checks entries from the newest checkpoint on.
	 * @param entries the entries from {@code newest().seq()} on, ascending
	 * @param knownHead as for {@link #full}
	 * @return the result
	 */
	Verification sinceCheckpoint(Iterator<Document> entries, long knownHead) {
		Checkpoint anchor = newest();
		if (anchor == null) {
			return full(entries, knownHead);
		}
		return walk(entries, anchor.seq(), anchor, knownHead, Verification.SINCE_CHECKPOINT);
	}

	private Verification walk(Iterator<Document> entries, long first, Checkpoint anchor, long knownHead, String scope) {
		if (this.conflict != null) {
			return this.conflict;
		}
		long expected = first;
		String previous = AuditTrail.GENESIS;
		long checked = 0;
		long anchoredTo = (anchor != null) ? anchor.seq() - 1 : 0;
		while (entries.hasNext()) {
			Document entry = entries.next();
			long seq = entry.get("_id", Number.class).longValue();
			if (seq != expected) {
				String detail = (seq > expected) ? "entries " + expected + " to " + (seq - 1) + " are missing"
						: "entry " + seq + " appears out of order";
				return broken(checked, expected, (seq > expected) ? Verification.REMOVED : Verification.REORDERED,
						detail, scope, anchoredTo);
			}
			String prevHash = String.valueOf(entry.getString("prevHash"));
			String hash = AuditTrail.hash(AuditTrail.recordOf(entry), prevHash);
			if (!hash.equals(entry.getString("hash"))) {
				return broken(checked, seq, Verification.ALTERED, "entry " + seq + " does not match its hash", scope,
						anchoredTo);
			}
			if (seq == first && anchor != null) {
				if (!anchor.hash().equals(hash)) {
					return broken(checked, seq, Verification.REWRITTEN,
							"entry " + seq + " differs from the checkpoint signed at " + anchor.time(), scope,
							anchoredTo);
				}
			}
			else if (!previous.equals(prevHash)) {
				return broken(checked, seq, Verification.REORDERED,
						"entry " + seq + " does not follow entry " + (seq - 1), scope, anchoredTo);
			}
			if (this.mac != null && !this.mac.verifies(seq, hash, entry.getString("mac"))) {
				return broken(checked, seq, Verification.ALTERED,
						"entry " + seq + " does not carry a valid MAC: it was not written by the service", scope,
						anchoredTo);
			}
			Checkpoint checkpoint = this.checkpoints.get(seq);
			if (checkpoint != null) {
				if (!checkpoint.hash().equals(hash)) {
					// without the MAC key this is as close as the rewrite can be placed
					return broken(
							checked, anchoredTo + 1, Verification.REWRITTEN, "entries " + (anchoredTo + 1) + " to "
									+ seq + " differ from the checkpoint signed at " + checkpoint.time(),
							scope, anchoredTo);
				}
				anchoredTo = seq;
			}
			previous = hash;
			checked++;
			expected++;
		}
		long last = expected - 1;
		Checkpoint newest = newest();
		long claimed = Math.max(knownHead, (newest != null) ? newest.seq() : 0);
		if (claimed > last) {
			return broken(checked, expected, Verification.REMOVED,
					"entries " + expected + " to " + claimed
							+ " are missing from the end (a signed checkpoint or the writer knew them)",
					scope, anchoredTo);
		}
		if (!this.forged.isEmpty()) {
			Checkpoint forgedOne = this.forged.get(0);
			return broken(checked, (forgedOne.seq() > 0) ? forgedOne.seq() : null, Verification.FORGED_CHECKPOINT,
					this.forged.size() + " checkpoint(s) on the topic do not carry a valid signature", scope,
					anchoredTo);
		}
		return new Verification(true, checked, null, null, null, scope, this.checkpoints.size(),
				(anchoredTo > 0) ? anchoredTo : null, last - Math.max(anchoredTo, first - 1));
	}

	private Verification broken(long checked, Long seq, String problem, String detail, String scope, long anchoredTo) {
		return new Verification(false, checked, seq, problem, detail, scope, this.checkpoints.size(),
				(anchoredTo > 0) ? anchoredTo : null, 0);
	}

}
