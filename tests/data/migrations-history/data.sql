-- Statements and claims written into an archive at any schema level, in
-- the columns every level has, the way an older demarche would have
-- stored them; the triggers of that level keep its summaries.  Then a
-- target, a topic and a claim leave and an actor is renamed, so that the
-- triggers that remove and rename have run too.
INSERT INTO actors (id, code, name, kind, parent_id, country) VALUES
	(1, 'CHN', 'China', 'state', NULL, 'CHN'),
	(2, 'CHN.MFA', 'Ministry of Foreign Affairs of China', 'ministry', 1, 'CHN'),
	(3, 'CHN.MISSION-EU', 'Mission of China to the EU', 'mission', 1, 'CHN'),
	(4, 'EU', 'European Union', 'igo', NULL, NULL),
	(5, 'EU.EEAS', 'European External Action Service', 'institution', 4, NULL),
	(6, 'USA', 'United States', 'state', NULL, 'USA'),
	(7, 'NATO', 'North Atlantic Treaty Organization', 'igo', NULL, NULL),
	(8, 'GBR', 'United Kingdom', 'state', NULL, 'GBR');
INSERT INTO aliases (folded, actor_id, alias, is_name) VALUES
	('china', 1, 'China', 1),
	('european union', 4, 'European Union', 1),
	('united states', 6, 'United States', 1);

INSERT INTO statements (sid, id, issuer_id, date, date_lo, date_hi, title,
	text, language, kind, digest) VALUES
	(1, 'eeas-2021-07-19', 5, '2021-07-19', '2021-07-19', '2021-07-19',
		'Statement on malicious cyber activity',
		'The Union calls on the authorities to act against hacking groups operating from their territory.',
		'en', 'declaration', printf('%064d', 1)),
	(2, 'mfa-2021-07-20', 2, '2021-07-20', '2021-07-20', '2021-07-20',
		'Spokesperson answers a question on cyber security',
		'The accusations are groundless; the United States is the largest source of attacks in cyberspace.',
		'en', 'remarks', printf('%064d', 2)),
	(3, 'mission-2021-07', 3, '2021-07', '2021-07-01', '2021-07-31',
		'中国驻欧盟使团发言人答记者问',
		'欧盟的指责毫无根据。We firmly oppose the smear.',
		'zh', 'press-release', printf('%064d', 3)),
	(4, 'nato-2021', 7, '2021', '2021-01-01', '2021-12-31',
		'Allies on cyber threats', 'Allies condemn the campaign and stand with the United Kingdom.',
		'en', 'declaration', printf('%064d', 4)),
	(5, 'usa-2021-07-19', 6, '2021-07-19', '2021-07-19', '2021-07-19',
		'Responding to irresponsible behaviour in cyberspace',
		'We and our partners expose the activity of contract hackers.',
		'en', 'press-release', printf('%064d', 5));
INSERT INTO responses (statement_id, responds_to, seq) VALUES
	(2, 'eeas-2021-07-19', 0), (2, 'usa-2021-07-19', 1),
	(3, 'eeas-2021-07-19', 0);

INSERT INTO claims (id, statement_id, seq, by_id, kind, cameo, summary,
	quote, date, method) VALUES
	(1, 1, 0, 5, 'accuse', '112', 'The Union blames hacking groups for attacks',
		'act against hacking groups', NULL, 'curated'),
	(2, 2, 0, 2, 'reject', '125', 'China rejects the accusations', 'groundless', NULL, 'curated'),
	(3, 2, 1, 2, 'accuse', '1125', 'China calls the United States the largest attacker',
		'the largest source of attacks', '2021-07-20', 'curated'),
	(4, 3, 0, 3, 'criticize', '111', '欧盟的指责', '毫无根据', NULL, 'curated'),
	(5, 4, 0, 7, 'condemn', '111', 'Allies condemn the campaign', NULL, NULL, 'curated'),
	(6, 5, 0, 6, 'accuse', '112', 'Contract hackers exposed', NULL, NULL, 'curated'),
	(7, 5, 1, 6, 'support', '051', 'Partners stand together', NULL, NULL, 'curated'),
	(8, 4, 1, 7, 'accuse', '112', 'A claim withdrawn later', NULL, NULL, 'rule');
INSERT INTO claim_targets (claim_id, actor_id, seq) VALUES
	(1, 1, 0), (1, 2, 1), (2, 4, 0), (2, 6, 1), (3, 6, 0), (4, 4, 0),
	(4, 5, 1), (5, 1, 0), (5, 8, 1), (6, 2, 0), (6, 3, 1), (7, 8, 0),
	(8, 1, 0);
INSERT INTO claim_topics (claim_id, topic, seq) VALUES
	(1, 'cyber', 0), (1, 'hacking', 1), (3, 'cyber', 0), (4, 'smear', 0),
	(5, 'cyber', 0), (5, 'espionage', 1), (6, 'hacking', 0), (8, 'cyber', 0);

DELETE FROM claim_targets WHERE claim_id = 5 AND actor_id = 8;
DELETE FROM claim_topics WHERE claim_id = 1 AND topic = 'hacking';
DELETE FROM claims WHERE id = 8;
UPDATE actors SET name = 'People''s Republic of China' WHERE code = 'CHN';
