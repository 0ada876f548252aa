// title: Funding by competence network
// answers: How much money the reports of each competence network's owners ask for, by year, split into the owners' and the universities' share.
// param: year integer optional  Only this year, e.g. 2024

MATCH (grant:Grant)-[:FUNDS|FOR_PARTNERSHIP]->()-[:OF*0..1]->(p:Partnership),
      (report:NeedsReport)-[:DESCRIBES]->(p),
      (report)-[:SUBMITTED_BY]->(o)-[:MEMBER_OF]->(net)
WHERE grant.amount IS NOT NULL AND grant.recipientRole IS NOT NULL AND net.name IS NOT NULL
  AND ($year IS NULL OR grant.year = $year)
RETURN net.name AS network, grant.year AS year,
       sum(CASE WHEN grant.recipientRole = 'eier' THEN grant.amount ELSE 0 END) AS owner_amount,
       sum(CASE WHEN grant.recipientRole = 'uh' THEN grant.amount ELSE 0 END) AS uh_amount,
       sum(grant.amount) AS total
ORDER BY network, year
