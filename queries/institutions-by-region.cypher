// title: Institutions by region
// answers: Which universities and university units work with the owners of each competence network, rolled up to their university, and in how many partnerships.
// param: network string optional  Name of a competence network, e.g. "Kompetansenettverk Salten"

MATCH (owner)-[:MEMBER_OF]->(net:CompetenceNetwork),
      (owner)-[:PARTNER_IN]->(partnership:Partnership)<-[:PARTNER_IN]-(uh)
WHERE (uh:University OR uh:UniversityUnit)
  AND ($network IS NULL OR net.name = $network)
OPTIONAL MATCH (uh)-[:PART_OF]->(parent)
RETURN net.name AS network, uh.name AS institution,
       coalesce(parent.name, uh.name) AS university,
       count(DISTINCT partnership) AS partnerships
ORDER BY network, institution
