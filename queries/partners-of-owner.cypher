// title: Partners of an owner
// answers: For one owner, the universities and units its partnerships give money to, by year and scheme: how many measures and how much.
// param: owner string required  The owner's name, e.g. "Bodø kommune"

MATCH (org:Entity {name: $owner})-[:PARTNER_IN]->(partnership:Partnership)
MATCH (grant:Grant {recipientRole: 'uh'})-[:FUNDS|FOR_PARTNERSHIP]->(x)-[:OF*0..1]->(partnership)
MATCH (grant)-[:RECIPIENT]->(uh)
OPTIONAL MATCH (grant)-[:UNDER]->(s:Scheme)
WITH grant, uh, s, CASE WHEN x:Measure THEN x END AS measure
RETURN grant.year AS year, uh.name AS institution, s.code AS scheme,
       count(DISTINCT measure) AS measures, sum(grant.amount) AS uh_amount
ORDER BY year, institution, scheme
