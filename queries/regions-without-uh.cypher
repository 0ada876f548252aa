// title: Regions without a university partner
// answers: Municipalities (as areas) where no owner located there works with any university or unit, with the competence network their municipality belongs to.
// param: network string optional  Only areas whose municipality belongs to this network

MATCH (a:Area)-[:IN_REGION]->()
WHERE a.kommunenummer IS NOT NULL AND a.name IS NOT NULL
  AND NOT EXISTS { MATCH ()-[:SERVES]->(a) }
OPTIONAL MATCH (municipality)-[:LOCATED_IN]->(a),
               (municipality)-[:MEMBER_OF]->(net)
WITH a, net
WHERE net IS NULL OR net.name IS NOT NULL
WITH a, net.name AS network
WHERE $network IS NULL OR network = $network
RETURN a.kommunenummer AS kommunenummer, a.name AS area, network
ORDER BY kommunenummer
