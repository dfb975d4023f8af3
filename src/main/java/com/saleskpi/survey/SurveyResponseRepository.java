package com.saleskpi.survey;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SurveyResponseRepository implements PanacheRepositoryBase<SurveyResponse, UUID> {
}
